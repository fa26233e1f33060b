# Shared values for every environment
environment = "prod"
region      = "eu-west-1"
instance_count =  3
enable_flow_logs = true

subnets = {
  public-a = { cidr = "10.0.0.0/24", az = "eu-west-1a", public = true }
  private-a = {
    cidr = "10.0.10.0/24"
    az   = "eu-west-1a"
  }
  private-b = {
    cidr = "10.0.11.0/24"
    az = "eu-west-1b"
  }
}

allowed_cidrs = [
  "10.0.0.0/8",
  "192.168.0.0/16", # office VPN
]

tags = {
  Owner       = "platform"
  "cost-center" = "1234"
}

user_data = <<-EOT
  #!/bin/bash
  echo "hello" > /tmp/hello
EOT
