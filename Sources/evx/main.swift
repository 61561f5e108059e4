import EvxCommands

EvxMain.run()
