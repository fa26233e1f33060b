# Nested blocks several levels deep, labeled nested blocks, blocks after attributes.
resource "aws_instance" "web" {
  ami = "ami-123"

  provisioner "local-exec" {
    command = "echo hi"
  }

  provisioner "remote-exec" {
    inline = ["echo a"]

    connection {
      type = "ssh"
    }
  }

  network_interface {
    device_index = 0
    settings {
      inner {
        deepest {
          value = true
        }
      }
    }
  }
  after_blocks = "attribute after nested blocks"
  ebs_block_device { device_name = "/dev/sdb" }
  ebs_block_device { device_name = "/dev/sdc" }
}
