terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# "Do these node groups fit these CIDRs?" as a variable validation: the plan
# fails at `terraform plan` with the zone that is short, before any subnet is
# created. The argument is the ekssize_cluster_ip_plan data source's
# arguments, its blocks as lists of objects; every key is checked.
variable "cluster" {
  type = object({
    subnets = list(object({
      name              = string
      availability_zone = string
      cidr_block        = string
    }))
    web_max_size = number
  })
  default = {
    subnets = [
      { name = "private-a", availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/24" },
      { name = "private-b", availability_zone = "eu-west-1b", cidr_block = "10.0.1.0/24" },
      { name = "private-c", availability_zone = "eu-west-1c", cidr_block = "10.0.2.0/24" },
    ]
    web_max_size = 15
  }

  validation {
    condition = provider::ekssize::cluster_ip_plan({
      subnet     = [for s in var.cluster.subnets : merge(s, { cluster_subnet = true, application_load_balancers = 1 })]
      node_group = [{ name = "web", instance_types = ["m5.large"], max_size = var.cluster.web_max_size }]
    }).fits
    error_message = "The subnets cannot hold web_max_size m5.large nodes with their rolling-update surge; see ekssize_cluster_ip_plan for the zone that is short."
  }
}

locals {
  plan = provider::ekssize::cluster_ip_plan({
    subnet     = [for s in var.cluster.subnets : merge(s, { cluster_subnet = true, application_load_balancers = 1 })]
    node_group = [{ name = "web", instance_types = ["m5.large"], max_size = var.cluster.web_max_size }]
  })
}

# Per zone: (5 + 2 surge) x 30 IPs + 8 for the ALB + 6 for EKS's ENIs = 224 of
# 251, with 5 kept free: 22 to spare.
output "headroom_per_zone" {
  value = { for z in local.plan.availability_zones : z.availability_zone => z.headroom_ips }
}
