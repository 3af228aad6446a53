terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# What a node holds at 20 pods with the VPC CNI defaults (WARM_ENI_TARGET = 1):
# ceil(20/9) + 1 = 4 ENIs, limited to the 3 of an m5.large: 30 IPs.
output "default" {
  value = provider::ekssize::node_ips("m5.large", 20)
}

# WARM_IP_TARGET and MINIMUM_IP_TARGET trim the warm pool: 20 + 2 IPs on 3 ENIs.
output "warm_ip_target" {
  value = provider::ekssize::node_ips("m5.large", 20, { warm_ip_target = 2, minimum_ip_target = 10 }).node_subnet_ips # 25
}

# Prefix delegation: /28 prefixes, 16 aligned IPs each.
output "prefix_delegation" {
  value = provider::ekssize::node_ips("m5.large", 20, { prefix_delegation = true }) # 3 prefixes, 49 IPs
}

# Subnet IPs a node group takes at its peak.
locals {
  node_groups = {
    general = { instance_type = "m5.large", nodes = 6, pods = 25 }
    batch   = { instance_type = "c6i.2xlarge", nodes = 4, pods = 40 }
  }
}

output "node_group_subnet_ips" {
  value = {
    for name, g in local.node_groups : name => g.nodes * provider::ekssize::node_ips(g.instance_type, g.pods).node_subnet_ips
  }
}

# A Windows node (os = "windows"): the VPC resource controller's pool on the
# primary ENI. 4 pods with its defaults: max(4 + 3, 3) = 7 secondary IPs and
# the primary, 8; with prefix delegation 1 prefix and the primary, 17.
output "windows" {
  value = {
    secondary_ips = provider::ekssize::node_ips("m5.large", 4, { os = "windows" }).node_subnet_ips                           # 8
    prefixes      = provider::ekssize::node_ips("m5.large", 4, { os = "windows", prefix_delegation = true }).node_subnet_ips # 17
  }
}
