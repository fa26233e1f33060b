"""Which AWS service assumes an IAM role, as far as the module shows it.

A role's trust policy (``assume_role_policy``) names the service principal
allowed to assume it. When that document is missing, the principal follows
from what uses the role, first: a role given to ``aws_lambda_function.role``
is assumed by Lambda whatever it is called. Only when nothing in the module
uses it do the names of the role and the document hint at the service
(``batch_trust``, ``states_trust``, ``lambda_assume_role``).

Sources: the argument references of each resource in the AWS provider
documentation (registry.terraform.io/providers/hashicorp/aws/latest/docs),
and "AWS services that work with IAM" / each service's "service role" page
for the principals (docs.aws.amazon.com/IAM/latest/UserGuide/
reference_aws-services-that-work-with-iam.html).
"""

from __future__ import annotations

import re

from tffix.syntax import nodes as n

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable

    from tffix.analysis.module import ModuleAnalysis

# (resource type, argument) -> principal of the service that assumes the role
# the argument names. Arguments of nested blocks count too (a firehose
# destination's role_arn, a scheduler target's role_arn).
ROLE_USERS: dict[tuple[str, str], str] = {
    ("aws_lambda_function", "role"): "lambda.amazonaws.com",
    ("aws_ecs_task_definition", "task_role_arn"): "ecs-tasks.amazonaws.com",
    ("aws_ecs_task_definition", "execution_role_arn"): "ecs-tasks.amazonaws.com",
    ("aws_ecs_service", "iam_role"): "ecs.amazonaws.com",
    ("aws_cloudwatch_event_target", "role_arn"): "events.amazonaws.com",
    ("aws_scheduler_schedule", "role_arn"): "scheduler.amazonaws.com",
    ("aws_sfn_state_machine", "role_arn"): "states.amazonaws.com",
    ("aws_codebuild_project", "service_role"): "codebuild.amazonaws.com",
    ("aws_codepipeline", "role_arn"): "codepipeline.amazonaws.com",
    ("aws_codedeploy_deployment_group", "service_role_arn"): "codedeploy.amazonaws.com",
    ("aws_iam_instance_profile", "role"): "ec2.amazonaws.com",
    ("aws_batch_compute_environment", "service_role"): "batch.amazonaws.com",
    ("aws_glue_job", "role_arn"): "glue.amazonaws.com",
    ("aws_glue_crawler", "role"): "glue.amazonaws.com",
    ("aws_kinesis_firehose_delivery_stream", "role_arn"): "firehose.amazonaws.com",
    ("aws_flow_log", "iam_role_arn"): "vpc-flow-logs.amazonaws.com",
    ("aws_db_instance", "monitoring_role_arn"): "monitoring.rds.amazonaws.com",
    ("aws_rds_cluster_instance", "monitoring_role_arn"): "monitoring.rds.amazonaws.com",
    ("aws_api_gateway_account", "cloudwatch_role_arn"): "apigateway.amazonaws.com",
    ("aws_eks_cluster", "role_arn"): "eks.amazonaws.com",
    ("aws_eks_node_group", "node_role_arn"): "ec2.amazonaws.com",
    ("aws_eks_fargate_profile", "pod_execution_role_arn"): "eks-fargate-pods.amazonaws.com",
    ("aws_sagemaker_notebook_instance", "role_arn"): "sagemaker.amazonaws.com",
    ("aws_sagemaker_model", "execution_role_arn"): "sagemaker.amazonaws.com",
    ("aws_backup_selection", "iam_role_arn"): "backup.amazonaws.com",
    ("aws_appsync_datasource", "service_role_arn"): "appsync.amazonaws.com",
    ("aws_config_configuration_recorder", "role_arn"): "config.amazonaws.com",
    ("aws_cloudtrail", "cloud_watch_logs_role_arn"): "cloudtrail.amazonaws.com",
    ("aws_pipes_pipe", "role_arn"): "pipes.amazonaws.com",
    ("aws_ssm_maintenance_window_task", "service_role_arn"): "ssm.amazonaws.com",
    ("aws_transfer_server", "logging_role"): "transfer.amazonaws.com",
    ("aws_datasync_location_s3", "bucket_access_role_arn"): "datasync.amazonaws.com",
    ("aws_cloudformation_stack", "iam_role_arn"): "cloudformation.amazonaws.com",
    ("aws_cloudwatch_log_subscription_filter", "role_arn"): "logs.amazonaws.com",
    ("aws_emr_cluster", "service_role"): "elasticmapreduce.amazonaws.com",
    ("aws_redshift_cluster", "iam_roles"): "redshift.amazonaws.com",
    ("aws_dms_endpoint", "service_access_role"): "dms.amazonaws.com",
}

# Words in the names of roles and their trust documents, and the principals
# they stand for. A key of several words matches those words in a row.
NAME_TOKENS: dict[str, tuple[str, ...]] = {
    "lambda": ("lambda.amazonaws.com",),
    "lambda_edge": ("lambda.amazonaws.com", "edgelambda.amazonaws.com"),
    "edge_lambda": ("lambda.amazonaws.com", "edgelambda.amazonaws.com"),
    "codebuild": ("codebuild.amazonaws.com",),
    "codepipeline": ("codepipeline.amazonaws.com",),
    "pipeline": ("codepipeline.amazonaws.com",),
    "codedeploy": ("codedeploy.amazonaws.com",),
    "ecs": ("ecs-tasks.amazonaws.com",),
    "ecs_tasks": ("ecs-tasks.amazonaws.com",),
    "ecs_task": ("ecs-tasks.amazonaws.com",),
    "ecs_task_execution": ("ecs-tasks.amazonaws.com",),
    "task_execution": ("ecs-tasks.amazonaws.com",),
    "ec2": ("ec2.amazonaws.com",),
    "instance": ("ec2.amazonaws.com",),
    "states": ("states.amazonaws.com",),
    "step_functions": ("states.amazonaws.com",),
    "stepfunctions": ("states.amazonaws.com",),
    "sfn": ("states.amazonaws.com",),
    "events": ("events.amazonaws.com",),
    "eventbridge": ("events.amazonaws.com",),
    "cloudwatch_events": ("events.amazonaws.com",),
    "scheduler": ("scheduler.amazonaws.com",),
    "apigateway": ("apigateway.amazonaws.com",),
    "api_gateway": ("apigateway.amazonaws.com",),
    "apigw": ("apigateway.amazonaws.com",),
    "glue": ("glue.amazonaws.com",),
    "firehose": ("firehose.amazonaws.com",),
    "sagemaker": ("sagemaker.amazonaws.com",),
    "batch": ("batch.amazonaws.com",),
    # Only the cluster role trusts eks.amazonaws.com: the roles of nodes, Fargate pods
    # and Kubernetes service accounts named after the cluster trust others
    # (https://docs.aws.amazon.com/eks/latest/userguide/create-node-role.html,
    # pod-execution-role.html, iam-roles-for-service-accounts.html).
    "eks": ("eks.amazonaws.com",),
    "eks_cluster": ("eks.amazonaws.com",),
    "eks_node": ("ec2.amazonaws.com",),
    "eks_nodes": ("ec2.amazonaws.com",),
    "eks_node_group": ("ec2.amazonaws.com",),
    "eks_nodegroup": ("ec2.amazonaws.com",),
    "eks_worker": ("ec2.amazonaws.com",),
    "eks_workers": ("ec2.amazonaws.com",),
    "node_group": ("ec2.amazonaws.com",),
    "nodegroup": ("ec2.amazonaws.com",),
    "eks_fargate": ("eks-fargate-pods.amazonaws.com",),
    "fargate_pod": ("eks-fargate-pods.amazonaws.com",),
    "fargate_profile": ("eks-fargate-pods.amazonaws.com",),
    "pod_execution": ("eks-fargate-pods.amazonaws.com",),
    "rds_monitoring": ("monitoring.rds.amazonaws.com",),
    "rds_enhanced_monitoring": ("monitoring.rds.amazonaws.com",),
    "vpc_flow_logs": ("vpc-flow-logs.amazonaws.com",),
    "flow_logs": ("vpc-flow-logs.amazonaws.com",),
    "flow_log": ("vpc-flow-logs.amazonaws.com",),
    "appsync": ("appsync.amazonaws.com",),
    "sns": ("sns.amazonaws.com",),
    "backup": ("backup.amazonaws.com",),
    "datasync": ("datasync.amazonaws.com",),
    "dms": ("dms.amazonaws.com",),
    "cloudformation": ("cloudformation.amazonaws.com",),
    "cloudtrail": ("cloudtrail.amazonaws.com",),
    "config": ("config.amazonaws.com",),
    "ssm": ("ssm.amazonaws.com",),
    "elasticbeanstalk": ("elasticbeanstalk.amazonaws.com",),
    "transfer": ("transfer.amazonaws.com",),
    "mediaconvert": ("mediaconvert.amazonaws.com",),
    # Words of roles that no service principal assumes, or whose service the words do
    # not settle: Kubernetes service accounts (web identity through the cluster's OIDC
    # provider, or EKS Pod Identity), CI systems and people (federation, other
    # accounts), and an "ECS service" role (the legacy ecs.amazonaws.com role, or the
    # task role of a service). With one of them, the names decide nothing.
    "irsa": (),
    "oidc": (),
    "web_identity": (),
    "service_account": (),
    "serviceaccount": (),
    "pod_identity": (),
    "pods": (),
    "karpenter": (),
    "autoscaler": (),
    "cluster_autoscaler": (),
    "external_dns": (),
    "csi": (),
    "ebs_csi": (),
    "efs_csi": (),
    "lb_controller": (),
    "load_balancer_controller": (),
    "alb_controller": (),
    "cert_manager": (),
    "external_secrets": (),
    "github": (),
    "gitlab": (),
    "federated": (),
    "saml": (),
    "sso": (),
    "cross_account": (),
    "crossaccount": (),
    "ecs_service": (),
}
_LONGEST = max(key.count("_") + 1 for key in NAME_TOKENS)
_SPLIT = re.compile(r"[^a-z0-9]+")


def principals_from_names(names: Iterable[str]) -> tuple[str, ...] | None:
    """The principals the service words of ``names`` stand for, when they agree.

    Each name is cut into words at ``_``/``-``/``.``; the longest run of
    words that names a service wins (``ecs_task_execution`` over ``ecs``).
    Names naming two different services give None: a guess is not a fact.
    """
    found: set[tuple[str, ...]] = set()
    for name in names:
        words = [w for w in _SPLIT.split(name.lower()) if w]
        i = 0
        while i < len(words):
            for width in range(min(_LONGEST, len(words) - i), 0, -1):
                key = "_".join(words[i : i + width])
                if key in NAME_TOKENS:
                    found.add(NAME_TOKENS[key])
                    i += width
                    break
            else:
                i += 1
    if len(found) != 1 or () in found:
        return None
    (principals,) = found
    return principals


def role_users(analysis: ModuleAnalysis, role: str) -> dict[str, str]:
    """``{user address: principal}`` for each resource whose role argument names
    ``aws_iam_role.<role>`` (``.arn``, ``.name`` or ``.id``), directly or through
    locals (``role = local.worker_role_arn``)."""
    out: dict[str, str] = {}
    for _path, block in analysis.resources():
        if len(block.labels) != 2:
            continue
        type = block.labels[0]
        for node in block.walk():
            if not isinstance(node, n.Attribute):
                continue
            principal = ROLE_USERS.get((type, node.name))
            if principal is not None and _names_role(analysis, node.value, role, set()):
                out[f"{type}.{block.labels[1]}"] = principal
    return out


def _names_role(analysis: ModuleAnalysis, expr: n.Node, role: str, seen: set[str]) -> bool:
    for trav in expr.walk():
        if not isinstance(trav, n.Traversal):
            continue
        names = trav.names()
        if names[:2] == ["aws_iam_role", role]:
            return True
        if names[0] == "local" and len(names) > 1 and isinstance(names[1], str):
            if names[1] in seen:
                continue
            seen.add(names[1])
            local = analysis.local(names[1])
            if local is not None and _names_role(analysis, local.value, role, seen):
                return True
    return False
