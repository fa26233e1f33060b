# A Terraform 0.11 module: for the quoted "map", terraform fmt writes
# map(string), which this default does not satisfy.
variable "subnets" {
  type = "map"
  default = {
    private = ["10.0.0.0/24", "10.0.1.0/24"]
    public  = ["10.0.100.0/24"]
  }
}

variable "tags" {
  type    = "map"
  default = { team = "payments", tier = 2 }
}
