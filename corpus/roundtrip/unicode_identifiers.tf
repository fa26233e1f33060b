# Unicode letters in identifiers, labels, keys and strings.
locals {
  π       = 3.14159
  café    = "coffee"
  größe   = 42
  日本語     = "japanese"
  naïve_x = local.π * 2
  αβγ-δ   = local.café
  keys = {
    ключ = "value"
    "ü"  = 1
  }
}

resource "null_resource" "ñandú" {
  triggers = {
    emoji = "🚀 ${local.größe}"
  }
}
