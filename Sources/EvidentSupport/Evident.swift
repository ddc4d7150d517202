/// Facts about the tool itself.
package enum Evident {
    package static let version = "0.1.0"
}
