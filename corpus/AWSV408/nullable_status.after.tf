# acceleration_status from a variable that defaults to null: v3 read null as "not
# set" and left transfer acceleration alone; aws_s3_bucket_accelerate_configuration
# requires status, so an unconditional one fails the plan for every caller keeping the
# default. Left for a person, with the count to write; the other bucket moves.
terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 4.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

variable "acceleration_status" {
  type    = string
  default = null
}

variable "accelerate" {
  type    = bool
  default = false
}

resource "aws_s3_bucket" "uploads" {
  bucket              = "example-uploads"
  acceleration_status = var.acceleration_status
}

resource "aws_s3_bucket" "media" {
  bucket              = "example-media"
  acceleration_status = var.accelerate ? "Enabled" : null
}

resource "aws_s3_bucket" "fixed" {
  bucket = "example-fixed"
}

resource "aws_s3_bucket_accelerate_configuration" "fixed" {
  bucket = aws_s3_bucket.fixed.id
  status = "Enabled"
}
