variable "ingress" {
  type        = "list"
  description = "Ports open to the load balancer"
  default = [
    { port = 80, cidr = "0.0.0.0/0" },
    { port = 443, cidr = "0.0.0.0/0" },
  ]
}

variable "zones" {
  type    = "list"
  default = []
}

variable "routes" {
  type = "map"
  default = {
    blue  = { weight = 90 }
    green = { weight = 10 }
  }
}
