import Terminal
import TUICore
