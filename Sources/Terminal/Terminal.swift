import CNcurses
import CTerminalGuard
import TUICore
