# A sandbox that instantiates the module of the directory above it, as the
# examples of a reusable module do: deployed by a team, or only a demo?
provider "aws" {
  region = "eu-west-1"
}

module "queue" {
  source = "../"

  name = "orders"
}
