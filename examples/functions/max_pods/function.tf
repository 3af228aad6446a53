terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The value kubelet should get: 3 ENIs x (10 - 1) IPs + 2 = 29.
output "m5_large" {
  value = provider::ekssize::max_pods("m5.large")
}

# Options use the ekssize_max_pods attribute names; omitted ones keep the data
# source's defaults. Prefix delegation: 3 x 5 x 16 + 2 = 242, capped at 110.
output "t3a_medium_prefix_delegation" {
  value = provider::ekssize::max_pods("t3a.medium", { prefix_delegation = true })
}

# Karpenter: one NodePool may launch any of these types. The smallest max pods is
# what every node of the pool holds; give it to the EC2NodeClass so kubelet
# agrees on every type.
locals {
  nodepool_instance_types = ["m5.large", "m5.xlarge", "c5.xlarge", "r5.large", "t3a.large"]
  cni_settings            = { custom_networking = true }

  nodepool_max_pods = min([
    for t in local.nodepool_instance_types : provider::ekssize::max_pods(t, local.cni_settings)
  ]...)
}

output "ec2nodeclass_kubelet" {
  value = yamlencode({ kubelet = { maxPods = local.nodepool_max_pods } }) # maxPods: 20
}

# Functions cannot return warnings. Where ekssize_max_pods would warn and still
# answer, the function returns the same value, as the VPC CNI does: prefix
# delegation on the Xen m4.large falls back to secondary IPs, 2 x (10 - 1) + 2 = 20.
# So one older type in the list does not fail the whole plan. Add strict = true
# to the options to fail with the warning's text instead.
output "prefix_delegation_by_type" {
  value = {
    for t in ["m5.large", "m4.large"] : t => provider::ekssize::max_pods(t, { prefix_delegation = true })
  } # { "m4.large" = 20, "m5.large" = 110 }
}

# A module input that rejects an instance type whose max pods is below the pod
# density the workload needs. Data sources cannot be used in validation blocks;
# functions can.
variable "node_group" {
  type = object({
    instance_type     = string
    min_pods_per_node = number
    prefix_delegation = optional(bool, false)
  })
  default = {
    instance_type     = "m5.xlarge"
    min_pods_per_node = 50
  }

  validation {
    condition = provider::ekssize::max_pods(var.node_group.instance_type, {
      prefix_delegation = var.node_group.prefix_delegation
    }) >= var.node_group.min_pods_per_node
    error_message = "The instance type cannot run min_pods_per_node pods under these VPC CNI settings; choose a larger type or enable prefix_delegation."
  }
}

output "node_group_max_pods" {
  value = provider::ekssize::max_pods(var.node_group.instance_type, { prefix_delegation = var.node_group.prefix_delegation }) # 58
}
