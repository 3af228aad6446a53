terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The amazon-vpc-cni ConfigMap the VPC resource controller reads for Windows
# nodes (kube-system/amazon-vpc-cni). The same values feed the sizing below.
locals {
  windows_ipam = {
    prefix_delegation  = true # enable-windows-prefix-delegation
    warm_ip_target     = 5    # windows-warm-ip-target
    minimum_ip_target  = 20   # windows-minimum-ip-target
    pods_per_node      = 40
    private_subnet     = { name = "eu-west-1a", cidr_block = "10.0.8.0/23" }
    windows_node_count = 4
  }
}

# Secondary IPs (the default): 9 pods on an m5.large, each node holding its
# primary address and min(9, max(9 + 3, 3)) = 9 secondary IPs.
data "ekssize_max_pods" "secondary" {
  instance_type = "m5.large"
  os            = "windows"
}

# Prefix delegation: 144 addresses, 110 pods (kubelet's default on Windows).
data "ekssize_max_pods" "prefixes" {
  instance_type     = "m5.large"
  os                = "windows"
  prefix_delegation = local.windows_ipam.prefix_delegation
}

# Subnet use at 40 pods per node: max(ceil((40 + 5)/16), ceil(20/16)) = 3
# prefixes and the primary address, 49 per node. 4 nodes and a surge of 2 take
# 18 of the /23's 30 aligned /28 blocks, and under the scattered bound their 6
# primary addresses spoil 6 more: it fits, with room for 7 nodes (10 packed).
data "ekssize_subnet_capacity" "windows" {
  instance_type     = "m5.large"
  os                = "windows"
  prefix_delegation = local.windows_ipam.prefix_delegation
  warm_ip_target    = local.windows_ipam.warm_ip_target
  minimum_ip_target = local.windows_ipam.minimum_ip_target
  pods_per_node     = local.windows_ipam.pods_per_node
  node_count        = local.windows_ipam.windows_node_count
  subnets           = [local.windows_ipam.private_subnet]
}

# The same per-node answer as a function, and how many such nodes one subnet
# holds when the single addresses are packed into the edge blocks.
output "per_node" {
  value = provider::ekssize::node_ips("m5.large", local.windows_ipam.pods_per_node, {
    os                = "windows"
    prefix_delegation = true
    warm_ip_target    = local.windows_ipam.warm_ip_target
    minimum_ip_target = local.windows_ipam.minimum_ip_target
  })
}

output "max_nodes_packed" {
  value = provider::ekssize::subnet_max_nodes(local.windows_ipam.private_subnet.cidr_block, "m5.large", {
    os                = "windows"
    prefix_delegation = true
    warm_ip_target    = local.windows_ipam.warm_ip_target
    minimum_ip_target = local.windows_ipam.minimum_ip_target
    pods_per_node     = local.windows_ipam.pods_per_node
    prefix_layout     = "packed"
  })
}

output "summary" {
  value = {
    secondary_max_pods = data.ekssize_max_pods.secondary.max_pods # 9
    prefixes_max_pods  = data.ekssize_max_pods.prefixes.max_pods  # 110
    node_subnet_ips    = data.ekssize_subnet_capacity.windows.per_node.node_subnet_ips
    max_nodes          = data.ekssize_subnet_capacity.windows.max_nodes
    fits               = data.ekssize_subnet_capacity.windows.fits
  }
}
