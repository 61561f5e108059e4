import CNcurses
import TUICore

extension Terminal {
    /// The pending mouse report as an event; nil for motion with no button held.
    func mouseEvent() -> MouseEvent? {
        var report = MEVENT()
        guard getmouse(&report) == OK else { return nil }
        let state = report.bstate
        var modifiers: KeyModifiers = []
        if state & evx_button_shift() != 0 { modifiers.insert(.shift) }
        if state & evx_button_ctrl() != 0 { modifiers.insert(.control) }
        if state & evx_button_alt() != 0 { modifiers.insert(.alt) }
        let event = { (kind: MouseEvent.Kind) in
            MouseEvent(x: Int(report.x), y: Int(report.y), kind: kind, modifiers: modifiers)
        }
        // Wheel "buttons" 4 and 5 come as presses.
        if state & evx_button_down(4) != 0 { return event(.scrollUp) }
        if state & evx_button_down(5) != 0 { return event(.scrollDown) }
        for (number, button) in [(1, MouseEvent.Button.left), (2, .middle), (3, .right)]
        where state & evx_button_down(Int32(number)) != 0 {
            isButtonDown = true
            return event(.press(button))
        }
        if (1...3).contains(where: { state & evx_button_released(Int32($0)) != 0 }) {
            isButtonDown = false
            return event(.release)
        }
        if state & evx_report_mouse_position() != 0 && isButtonDown { return event(.drag) }
        return nil
    }
}
