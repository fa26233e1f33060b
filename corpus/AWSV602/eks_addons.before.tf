terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.100"
    }
  }
}

locals {
  addons = {
    "vpc-cni"    = "v1.18.1-eksbuild.1"
    "coredns"    = "v1.11.1-eksbuild.9"
    "kube-proxy" = "v1.29.3-eksbuild.2"
  }
}

resource "aws_eks_addon" "this" {
  for_each = local.addons

  cluster_name      = "platform"
  addon_name        = each.key
  addon_version     = each.value
  resolve_conflicts = "OVERWRITE"
}

resource "aws_eks_addon" "ebs_csi" {
  cluster_name             = "platform"
  addon_name               = "aws-ebs-csi-driver"
  service_account_role_arn = "arn:aws:iam::123456789012:role/ebs-csi"
  resolve_conflicts        = "PRESERVE"
}

variable "conflicts" {
  type    = string
  default = "NONE"
}

resource "aws_eks_addon" "pod_identity" {
  cluster_name      = "platform"
  addon_name        = "eks-pod-identity-agent"
  resolve_conflicts = var.conflicts
}
