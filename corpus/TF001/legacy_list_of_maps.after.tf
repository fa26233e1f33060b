variable "ingress" {
  type        = list(map(string))
  description = "Ports open to the load balancer"
  default = [
    { port = 80, cidr = "0.0.0.0/0" },
    { port = 443, cidr = "0.0.0.0/0" },
  ]
}

variable "zones" {
  type    = list(any)
  default = []
}

variable "routes" {
  type = map(map(string))
  default = {
    blue  = { weight = 90 }
    green = { weight = 10 }
  }
}
