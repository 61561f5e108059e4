import StoreGenerator

enum StoreGeneratorFixture {
    static func generate(path: String, events: Int, seed: UInt64 = 7, domain: GeneratedDomain = .orders) throws {
        try StoreGenerator.generate(path: path, events: events, seed: seed, domain: domain)
    }
}
