# Block labels: quoted strings, bare identifiers, mixed, and none.
terraform {
  required_version = ">= 1.5"
}

resource "null_resource" "quoted" {
}

resource null_resource bare {
}

resource "null_resource" mixed {
}

module "with-dashes_and_underscores" {
  source = "./mod"
}

locals "label with spaces" {
}

thing "" "empty label" {
}

thing "escaped \"quote\" in label" {
}

thing "unicode ✓ label" {
}
