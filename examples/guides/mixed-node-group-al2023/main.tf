terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The instance types the node group may launch, and the VPC CNI settings of the
# cluster (prefix delegation on).
locals {
  instance_types = ["m5.large", "m5a.large", "m6i.xlarge", "c6i.2xlarge"]
  cni            = { prefix_delegation = true }
}

# 1. One maxPodsExpression that gives every type exactly its max pods.
data "ekssize_max_pods_expression" "workers" {
  instance_types    = local.instance_types
  prefix_delegation = local.cni.prefix_delegation
}

# 2. The NodeConfig. With max_pods_expression it carries the expression and no
#    literal maxPods or kube-reserved (nodeadm computes both on each node), so
#    rendering it for any one of the types gives the document for all of them.
data "ekssize_node_config" "workers" {
  instance_type       = local.instance_types[0]
  prefix_delegation   = local.cni.prefix_delegation
  max_pods_expression = data.ekssize_max_pods_expression.workers.expression
}

# Put this in the launch template's user data as a MIME part of content type
# application/node.eks.aws (or terraform-aws-eks cloudinit_pre_nodeadm).
# nodeadm_config is sensitive because it would carry the cluster CA when
# cluster is set; it is not set here, so nonsensitive() shows it.
output "nodeadm_config" {
  value = nonsensitive(data.ekssize_node_config.workers.nodeadm_config)
}

# 3. What each type will run with: max pods and nodeadm's kube-reserved memory.
output "per_type" {
  value = {
    for t, v in data.ekssize_max_pods_expression.workers.values : t => {
      max_pods                 = v.max_pods
      kube_reserved_memory_mib = v.kube_reserved_memory_mib
    }
  }
}

# 4. An independent check: evaluate the expression as nodeadm does on every
#    type and compare with the provider's max pods for it.
check "nodeadm_agrees" {
  assert {
    condition = alltrue([
      for t in local.instance_types :
      provider::ekssize::nodeadm_max_pods(t, data.ekssize_max_pods_expression.workers.expression, local.cni).max_pods
      == provider::ekssize::max_pods(t, local.cni)
    ])
    error_message = "nodeadm would give some instance type a max pods other than the provider's."
  }
}
