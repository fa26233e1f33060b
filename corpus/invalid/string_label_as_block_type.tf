# A block type must be an identifier, not a string.
"resource" "null_resource" "a" {
}
