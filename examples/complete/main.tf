# A cluster sizing report: no AWS provider, no credentials, nothing downloaded.
terraform {
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

variable "node_groups" {
  description = "Node groups to size: instance type and VPC CNI settings."
  type = map(object({
    instance_type     = string
    prefix_delegation = optional(bool, false)
  }))
  default = {
    general = { instance_type = "m5.large" }
    compute = { instance_type = "c6i.2xlarge", prefix_delegation = true }
  }
}

data "ekssize_max_pods" "group" {
  for_each          = var.node_groups
  instance_type     = each.value.instance_type
  prefix_delegation = each.value.prefix_delegation
}

output "max_pods" {
  description = "kubelet max pods per node group, with the derivation."
  value = {
    for name, mp in data.ekssize_max_pods.group : name => {
      instance_type = mp.instance_type
      max_pods      = mp.max_pods
      formula       = mp.formula
    }
  }
}
