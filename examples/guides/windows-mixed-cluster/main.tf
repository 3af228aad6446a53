terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# A cluster with Windows nodes has Linux (or Fargate) nodes too, for the core
# system pods that only run on Linux, such as CoreDNS (EKS User Guide), and
# its Linux and Windows node groups share the cluster's subnets. The plan's os stays "linux" (the default): the
# plan-level prefix_delegation is aws-node's ENABLE_PREFIX_DELEGATION, for the
# Linux group; windows_config_map is the amazon-vpc-cni ConfigMap the VPC
# resource controller reads, for the group with os = "windows". The ConfigMap
# also needs enable-windows-ipam: "true", which the plan assumes: without it
# Windows pods get no IP at all, and enable-windows-prefix-delegation is read
# only with it.
locals {
  subnets = [
    { name = "private-a", availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/22" },
    { name = "private-b", availability_zone = "eu-west-1b", cidr_block = "10.0.4.0/22" },
    { name = "private-c", availability_zone = "eu-west-1c", cidr_block = "10.0.8.0/22" },
  ]
  windows_config_map = {
    prefix_delegation = true # enable-windows-prefix-delegation
    warm_ip_target    = 5    # windows-warm-ip-target
    minimum_ip_target = 20   # windows-minimum-ip-target
  }
}

# Per node: Linux at 30 pods, ceil(30/16) + 1 = 3 prefixes (WARM_PREFIX_TARGET
# 1); Windows at 40 pods, max(ceil((40 + 5)/16), ceil(20/16)) = 3 prefixes.
# Either takes 1 + 16 x 3 = 49 addresses. Per zone, 2 nodes of each group and
# a surge of 2 each: 8 nodes, 24 /28 blocks and 8 single addresses, plus the
# ALB's 8 and EKS's 6 in a cluster subnet: 406 of the /22's 1,019. The 22
# single addresses spoil at most 22 of the 62 eligible blocks, leaving 40 for
# the 24 needed: 16 blocks (256 addresses) to spare in the scattered bound.
data "ekssize_cluster_ip_plan" "cluster" {
  prefix_delegation = true
  windows_config_map {
    prefix_delegation = local.windows_config_map.prefix_delegation
    warm_ip_target    = local.windows_config_map.warm_ip_target
    minimum_ip_target = local.windows_config_map.minimum_ip_target
  }

  dynamic "subnet" {
    for_each = local.subnets
    content {
      name                       = subnet.value.name
      availability_zone          = subnet.value.availability_zone
      cidr_block                 = subnet.value.cidr_block
      cluster_subnet             = true
      application_load_balancers = 1
    }
  }

  node_group {
    name           = "system"
    instance_types = ["m5.large"]
    max_size       = 6
    pods_per_node  = 30
  }
  node_group {
    name           = "windows"
    os             = "windows"
    instance_types = ["m5.large"]
    max_size       = 6
    pods_per_node  = 40
  }
}

# The same plan as a function, for a variable validation or a precondition.
locals {
  plan = provider::ekssize::cluster_ip_plan({
    prefix_delegation  = true
    windows_config_map = local.windows_config_map
    subnet             = [for s in local.subnets : merge(s, { cluster_subnet = true, application_load_balancers = 1 })]
    node_group = [
      { name = "system", instance_types = ["m5.large"], max_size = 6, pods_per_node = 30 },
      { name = "windows", os = "windows", instance_types = ["m5.large"], max_size = 6, pods_per_node = 40 },
    ]
  })
}

output "fits" {
  value = data.ekssize_cluster_ip_plan.cluster.fits # true
}

output "groups" {
  # system: linux, 49 addresses per node; windows: windows, 49 per node.
  value = join(", ", [for g in data.ekssize_cluster_ip_plan.cluster.groups : "${g.name}: ${g.os}, ${g.node_subnet_ips_per_node} per node"])
}

output "headroom_per_zone" {
  # 256 in each zone (the scattered bound of the spare /28 blocks).
  value = join(", ", [for z in local.plan.availability_zones : "${z.availability_zone} ${z.headroom_ips}"])
}
