# dynamic blocks: for_each, iterator, content, nesting, labels.
variable "rules" {
  default = [
    { port = 80, cidrs = ["0.0.0.0/0"] },
    { port = 443, cidrs = ["10.0.0.0/8", "192.168.0.0/16"] },
  ]
}

resource "aws_security_group" "web" {
  name = "web"

  dynamic "ingress" {
    for_each = var.rules
    content {
      from_port   = ingress.value.port
      to_port     = ingress.value.port
      protocol    = "tcp"
      cidr_blocks = ingress.value.cidrs
    }
  }

  dynamic "egress" {
    for_each = { for i, r in var.rules : i => r }
    iterator = rule
    labels   = []
    content {
      from_port = rule.value.port
      to_port   = rule.key

      dynamic "nested" {
        for_each = rule.value.cidrs
        content {
          cidr = nested.value
        }
      }
    }
  }

  dynamic setting {
    for_each = []
    content {}
  }
}
