terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# One set of VPC CNI settings for the sizing and for the add-on, so they cannot drift apart.
locals {
  cni = { prefix_delegation = true, warm_prefix_target = 1 }
}

data "ekssize_max_pods" "workers" {
  instance_type     = "m5.large"
  prefix_delegation = local.cni.prefix_delegation
}

data "ekssize_vpc_cni_configuration" "this" {
  prefix_delegation  = local.cni.prefix_delegation
  warm_prefix_target = local.cni.warm_prefix_target
}

# resource "aws_eks_addon" "vpc_cni" {
#   cluster_name         = aws_eks_cluster.this.name
#   addon_name           = "vpc-cni"
#   configuration_values = data.ekssize_vpc_cni_configuration.this.configuration_values
# }
output "configuration_values" {
  value = data.ekssize_vpc_cni_configuration.this.configuration_values
  # {"env":{"ENABLE_PREFIX_DELEGATION":"true","WARM_PREFIX_TARGET":"1"}}
}

output "max_pods" {
  value = data.ekssize_max_pods.workers.max_pods # 110
}
