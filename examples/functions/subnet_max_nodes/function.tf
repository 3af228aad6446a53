terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# m5.large at 27 pods holds 30 IPs (3 ENIs x 10, the default WARM_ENI_TARGET): a /24 fits 8.
output "m5_large_per_slash_24" {
  value = provider::ekssize::subnet_max_nodes("10.0.0.0/24", "m5.large")
}

# Options use the ekssize_subnet_capacity attribute names. Custom networking: pods
# take their IPs from the ENIConfig subnet, so that subnet is the limit.
output "custom_networking" {
  value = provider::ekssize::subnet_max_nodes("10.0.0.0/24", "m5.large", {
    custom_networking = true
    pod_subnets       = [{ cidr_block = "100.64.0.0/22" }]
  }) # 50
}

# A precondition that the node group's subnets hold it: its share of max_size in
# every availability zone, plus the 2 surge nodes a rolling update adds there.
variable "subnets" {
  description = "The node group's subnets: cidr_block and available_ip_address_count of aws_subnet."
  type = list(object({
    cidr_block                 = string
    available_ip_address_count = optional(number)
  }))
  default = [
    { cidr_block = "10.0.0.0/24" },
    { cidr_block = "10.0.1.0/24", available_ip_address_count = 200 },
    { cidr_block = "10.0.2.0/24" },
  ]
}

variable "node_group" {
  type = object({
    instance_type = string
    max_size      = number
  })
  default = {
    instance_type = "m5.large"
    max_size      = 12
  }
}

locals {
  subnet_max_nodes = [
    for s in var.subnets : provider::ekssize::subnet_max_nodes(s.cidr_block, var.node_group.instance_type, {
      available_ip_address_count = s.available_ip_address_count # null means an empty subnet
    })
  ]
  nodes_per_subnet = ceil(var.node_group.max_size / length(var.subnets)) + 2
}

# Stands in for aws_eks_node_group: the same lifecycle block stops the plan there.
resource "terraform_data" "node_group" {
  input = var.node_group

  lifecycle {
    precondition {
      condition     = alltrue([for n in local.subnet_max_nodes : n >= local.nodes_per_subnet])
      error_message = "A subnet cannot hold ${local.nodes_per_subnet} ${var.node_group.instance_type} nodes (max_size share plus surge); they hold ${jsonencode(local.subnet_max_nodes)}."
    }
  }
}

output "subnet_max_nodes" {
  value = local.subnet_max_nodes # [8, 6, 8]
}
