import Server
import Store

/// A database connection of the store (the Server module has its own `Connection`: an HTTP client).
typealias Database = Store.Connection
