/// `schema.sql` and the embedded archive (`data/archive.json`), compiled into the binary by
/// `scripts/embed-resources`, so that a copied binary or a Docker image needs no resource files.
public enum EmbeddedResources {
    /// The schema every new database is created with.
    public static var schema: String { schemaSQL }
    /// The embedded archive in the import format.
    public static var archive: String { archiveJSON }
}
