# Content after "{" on the same line requires "}" on that line too.
variable "v" { default = 1
}
