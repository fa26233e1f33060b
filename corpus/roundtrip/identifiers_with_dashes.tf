# Identifiers may contain dashes: x-1 is one identifier, x - 1 is subtraction.
locals {
  my-name     = "dash"
  a-b-c       = 1
  trailing-   = 2
  x           = 10
  x-1         = 3
  identifier  = local.x-1
  subtraction = local.x - 1
  tight_minus = local.x -1
  dashed_ref  = local.a-b-c
  under_score = local._private
  _private    = "leading underscore"
}

resource "aws_instance" "web-server" {
  tags = { "Name" = "web-server", team-name = "ops" }
}
