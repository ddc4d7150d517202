/// Facts about the tool itself.
public enum Evident {
    public static let version = "0.1.0"
}
