provider "aws" {}

# Roles named after an EKS cluster that nothing in the module uses: only the
# cluster role trusts eks.amazonaws.com.
resource "aws_iam_role" "eks_node" {
  name               = "eks-node"
  assume_role_policy = data.aws_iam_policy_document.eks_node_assume_role.json
}

resource "aws_iam_role" "eks_fargate" {
  name               = "eks-fargate"
  assume_role_policy = data.aws_iam_policy_document.eks_fargate_assume_role.json
}

# A Kubernetes service account's role (IRSA): web identity, not a service principal.
resource "aws_iam_role" "eks_irsa" {
  name               = "eks-irsa"
  assume_role_policy = data.aws_iam_policy_document.eks_irsa_assume_role.json
}

resource "aws_iam_role" "autoscaler" {
  name               = "eks-cluster-autoscaler"
  assume_role_policy = data.aws_iam_policy_document.cluster_autoscaler.json
}

# "ECS service": the legacy ecs.amazonaws.com role, or the task role of a service.
resource "aws_iam_role" "ecs_service" {
  name               = "ecs-service"
  assume_role_policy = data.aws_iam_policy_document.ecs_service_assume_role.json
}

resource "aws_iam_role" "eks" {
  name               = "eks-cluster"
  assume_role_policy = data.aws_iam_policy_document.eks_assume_role.json
}
