# A cluster sizing report for a three-AZ EKS cluster with two managed node
# groups: no AWS provider, no credentials, nothing downloaded.
#
#   make demo                 applies it with the freshly built provider
#   terraform test            (complete.tftest.hcl) checks every number below
#
# In a real configuration the subnets come from data.aws_subnet (cidr_block,
# available_ip_address_count) and the node group settings from the same locals
# that feed aws_eks_node_group.
terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

variable "private_subnets" {
  description = "The cluster's private subnets, one per availability zone, with their free IPv4 addresses now."
  type = list(object({
    availability_zone          = string
    cidr_block                 = string
    available_ip_address_count = number
  }))
  default = [
    { availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/20", available_ip_address_count = 4071 },
    { availability_zone = "eu-west-1b", cidr_block = "10.0.16.0/20", available_ip_address_count = 4064 },
    { availability_zone = "eu-west-1c", cidr_block = "10.0.32.0/20", available_ip_address_count = 4077 },
  ]
}

# Subnets are sized for max_size (what the cluster autoscaler or a scaling
# change can reach), plus the 2 extra nodes per AZ of a rolling update.
variable "general" {
  description = "General-purpose node group: the VPC CNI defaults (one secondary IP per pod, WARM_ENI_TARGET = 1)."
  type = object({
    instance_type = string
    max_size      = number
  })
  default = {
    instance_type = "m5.large"
    max_size      = 6
  }
}

variable "compute" {
  description = "Compute node group: VPC CNI prefix delegation (a /28 per ENI slot)."
  type = object({
    instance_type = string
    max_size      = number
  })
  default = {
    instance_type = "c6i.2xlarge"
    max_size      = 24
  }
}

variable "shared_reservations" {
  description = "What else takes addresses in each private subnet."
  type = object({
    application_load_balancers = number
    interface_endpoints        = number
  })
  default = {
    application_load_balancers = 1 # 8 IPs each
    interface_endpoints        = 7 # ecr.api, ecr.dkr, sts, logs, ec2, elasticloadbalancing, ssm
  }
}

# --- Max pods -------------------------------------------------------------------

data "ekssize_max_pods" "general" {
  instance_type = var.general.instance_type
}

data "ekssize_max_pods" "compute" {
  instance_type     = var.compute.instance_type
  prefix_delegation = true

  # Prefix delegation applies only on Nitro (and bare metal) types; elsewhere
  # the VPC CNI silently falls back to secondary IPs.
  lifecycle {
    postcondition {
      condition     = self.prefix_delegation_applied
      error_message = "${self.instance_type} does not take /28 prefixes (not Nitro): ${self.formula}"
    }
  }
}

# --- Subnet capacity ------------------------------------------------------------

# The general group first, with everything else that lives in the subnets.
data "ekssize_subnet_capacity" "general" {
  instance_type = var.general.instance_type
  node_count    = var.general.max_size
  subnets = [
    for s in var.private_subnets : {
      name                       = s.availability_zone
      cidr_block                 = s.cidr_block
      available_ip_address_count = s.available_ip_address_count
      cluster_subnet             = true # the EKS control plane's ENIs live here too
    }
  ]
  reserved = var.shared_reservations

  lifecycle {
    postcondition {
      condition     = self.fits
      error_message = "The ${var.general.instance_type} node group does not fit the private subnets: ${join("; ", self.warnings)}"
    }
  }
}

# Then the compute group in what the general group leaves: its nodes' single
# IPs spoil /28 blocks that prefix delegation could otherwise use.
data "ekssize_subnet_capacity" "compute" {
  instance_type     = var.compute.instance_type
  prefix_delegation = true
  node_count        = var.compute.max_size
  subnets = [
    for i, s in var.private_subnets : {
      name       = s.availability_zone
      cidr_block = s.cidr_block
      available_ip_address_count = s.available_ip_address_count - (
        data.ekssize_subnet_capacity.general.subnet_results[i].required_ips -
        data.ekssize_subnet_capacity.general.subnet_results[i].reserved_ips
      )
      cluster_subnet = true
    }
  ]
  reserved = var.shared_reservations

  lifecycle {
    postcondition {
      condition     = self.fits
      error_message = "The ${var.compute.instance_type} node group does not fit next to the general group: ${join("; ", self.warnings)}"
    }
  }
}

# --- Node configuration ---------------------------------------------------------

# AL2023: the NodeConfig part for user data (terraform-aws-eks cloudinit_pre_nodeadm,
# or a cloudinit_config part of content type application/node.eks.aws).
data "ekssize_node_config" "general_al2023" {
  instance_type = var.general.instance_type
}

# nodeadm alone would reserve kube-reserved memory for the 58 ENI pods of the type (893Mi) although the node
# runs 110 with prefix delegation; reserve for the 110 instead.
data "ekssize_node_config" "compute_al2023" {
  instance_type       = var.compute.instance_type
  prefix_delegation   = true
  kube_reserved_basis = "max_pods"
}

# Bottlerocket: lines for the [settings.kubernetes] table of its TOML user data.
data "ekssize_node_config" "general_bottlerocket" {
  instance_type = var.general.instance_type
  ami_family    = "bottlerocket"
}

data "ekssize_node_config" "compute_bottlerocket" {
  instance_type     = var.compute.instance_type
  prefix_delegation = true
  ami_family        = "bottlerocket"
}

# --- The report -----------------------------------------------------------------

locals {
  groups = {
    general = {
      vpc_cni  = "secondary IPs"
      max_size = var.general.max_size
      max_pods = data.ekssize_max_pods.general
      capacity = data.ekssize_subnet_capacity.general
      node     = data.ekssize_node_config.general_al2023
    }
    compute = {
      vpc_cni  = "prefix delegation"
      max_size = var.compute.max_size
      max_pods = data.ekssize_max_pods.compute
      capacity = data.ekssize_subnet_capacity.compute
      node     = data.ekssize_node_config.compute_al2023
    }
  }
  gen = local.groups.general
  cmp = local.groups.compute

  # Addresses each group's nodes take in each subnet (without the shared reservations).
  node_ips = {
    for name, g in local.groups : name => [for r in g.capacity.subnet_results : r.required_ips - r.reserved_ips]
  }

  row        = "  %-28s %-20s %s"
  subnet_row = "  %-12s %-14s %6s %8s %8s %9s %9s %9s"
}

# What make demo prints: the numbers below as one page of text.
output "report" {
  description = "The sizing report as text (terraform output -raw report)."
  value = join("\n", concat(
    [
      "EKS sizing report (instance data ${local.gen.max_pods.data_version})",
      "",
      "Node groups",
      format(local.row, "", "general", "compute"),
    ],
    [for r in [
      ["instance type", local.gen.max_pods.instance_type, local.cmp.max_pods.instance_type],
      ["VPC CNI", local.gen.vpc_cni, local.cmp.vpc_cni],
      ["max nodes", local.gen.max_size, local.cmp.max_size],
      ["max pods", local.gen.max_pods.max_pods, local.cmp.max_pods.max_pods],
      ["subnet IPs per node", local.gen.capacity.per_node.node_subnet_ips, local.cmp.capacity.per_node.node_subnet_ips],
      ["kube-reserved cpu / memory", "${local.gen.node.kube_reserved.cpu} / ${local.gen.node.kube_reserved.memory}", "${local.cmp.node.kube_reserved.cpu} / ${local.cmp.node.kube_reserved.memory}"],
      ["allocatable cpu / memory", "${local.gen.node.allocatable.cpu_millicores}m / ${local.gen.node.allocatable.memory_mib} MiB", "${local.cmp.node.allocatable.cpu_millicores}m / ${local.cmp.node.allocatable.memory_mib} MiB"],
      ["EBS volumes for pods", local.gen.node.ebs_volume_limit, local.cmp.node.ebs_volume_limit],
    ] : format(local.row, r[0], r[1], r[2])],
    [
      "",
      "  general max pods: ${local.gen.max_pods.formula}",
      "  compute max pods: ${local.cmp.max_pods.formula}",
      "  general node IPs: ${local.gen.capacity.per_node.formula}",
      "  compute node IPs: ${local.cmp.capacity.per_node.formula}",
      "",
      "Subnets (max nodes plus a rolling-update surge of 2 per group and AZ; reserved: ALB, endpoints, EKS ENIs)",
      format(local.subnet_row, "zone", "cidr", "free", "general", "compute", "reserved", "headroom", "+nodes"),
    ],
    [for i, s in var.private_subnets : format(local.subnet_row,
      s.availability_zone, s.cidr_block, s.available_ip_address_count,
      local.node_ips.general[i], local.node_ips.compute[i],
      local.cmp.capacity.subnet_results[i].reserved_ips,
      local.cmp.capacity.subnet_results[i].headroom_ips,
      local.cmp.capacity.subnet_results[i].max_nodes - local.cmp.capacity.subnet_results[i].planned_nodes - local.cmp.capacity.subnet_results[i].surge_nodes,
    )],
    [
      "",
      "  ${local.gen.capacity.fits && local.cmp.capacity.fits ? "The plan fits" : "The plan does NOT fit"}: the subnets hold ${local.cmp.capacity.max_nodes} ${local.cmp.max_pods.instance_type} nodes next to the general group (+nodes: spare ones per AZ).",
      "  headroom counts aligned free /28 blocks only, assuming every single IP spoils one (prefix_layout \"scattered\");",
      "  the guide \"Sizing subnets for prefix delegation\" explains the packed bound and CIDR reservations.",
      "",
      "AL2023 NodeConfig (general)",
      # nodeadm_config is sensitive because it can carry the cluster CA; these
      # node configs set no cluster, so there is none in them to hide.
      trimspace(nonsensitive(local.gen.node.nodeadm_config)),
      "",
      "AL2023 NodeConfig (compute)",
      trimspace(nonsensitive(local.cmp.node.nodeadm_config)),
      "",
      "Bottlerocket [settings.kubernetes] (general)",
      trimspace(data.ekssize_node_config.general_bottlerocket.bottlerocket_settings),
      "",
      "Bottlerocket [settings.kubernetes] (compute)",
      trimspace(data.ekssize_node_config.compute_bottlerocket.bottlerocket_settings),
      "",
      "Karpenter EC2NodeClass spec (compute; controller RESERVED_ENIS = ${local.cmp.node.karpenter_reserved_enis})",
      trimspace(yamlencode({ kubelet = local.karpenter_kubelet })),
    ],
  ))
}

output "node_groups" {
  description = "Per node group: kubelet max pods and how it is derived, what one node takes, and what the scheduler sees."
  value = {
    for name, g in local.groups : name => {
      instance_type          = g.max_pods.instance_type
      vpc_cni                = g.vpc_cni
      max_pods               = g.max_pods.max_pods
      max_pods_formula       = g.max_pods.formula
      subnet_ips_per_node    = g.capacity.per_node.node_subnet_ips
      subnet_ips_formula     = g.capacity.per_node.formula
      kube_reserved          = g.node.kube_reserved
      allocatable_cpu_m      = g.node.allocatable.cpu_millicores
      allocatable_memory_mib = g.node.allocatable.memory_mib
      ebs_volume_limit       = g.node.ebs_volume_limit
    }
  }
}

output "subnets" {
  description = "Per private subnet: free addresses, what each node group takes (max nodes and a rolling-update surge of 2), the shared reservations, and what is left for prefixes (aligned free /28 blocks only)."
  value = {
    for i, s in var.private_subnets : s.availability_zone => {
      cidr_block        = s.cidr_block
      free_ips          = s.available_ip_address_count
      general_ips       = local.node_ips.general[i]
      compute_ips       = local.node_ips.compute[i]
      reserved_ips      = local.cmp.capacity.subnet_results[i].reserved_ips
      headroom_ips      = local.cmp.capacity.subnet_results[i].headroom_ips
      compute_max_nodes = local.cmp.capacity.subnet_results[i].max_nodes
    }
  }
}

output "capacity" {
  description = "Whether both groups fit at max size, and how far the compute group could grow next to the general group."
  value = {
    fits                   = local.gen.capacity.fits && local.cmp.capacity.fits
    compute_max_nodes      = local.cmp.capacity.max_nodes
    compute_max_pods_total = local.cmp.capacity.max_pods_total
  }
}

output "al2023_nodeconfig" {
  description = "nodeadm NodeConfig documents (kubelet maxPods and kubeReserved) per node group."
  value = {
    # No cluster is set, so no CA is in them (see the report above).
    general = nonsensitive(local.gen.node.nodeadm_config)
    compute = nonsensitive(local.cmp.node.nodeadm_config)
  }
}

output "bottlerocket_settings" {
  description = "Lines for the [settings.kubernetes] table of Bottlerocket user data, per node group."
  value = {
    general = data.ekssize_node_config.general_bottlerocket.bottlerocket_settings
    compute = data.ekssize_node_config.compute_bottlerocket.bottlerocket_settings
  }
}

output "karpenter_ec2nodeclass_kubelet" {
  description = "spec.kubelet of a Karpenter EC2NodeClass for the compute instance type (yamlencode it), and the controller's RESERVED_ENIS."
  value = {
    kubelet       = local.karpenter_kubelet
    reserved_enis = local.cmp.node.karpenter_reserved_enis
  }
}

locals {
  # karpenter_kubelet is an object with every field; drop the unset (null) ones
  # so the EC2NodeClass manifest only carries what is set.
  karpenter_kubelet = { for k, v in local.cmp.node.karpenter_kubelet : k => v if v != null }
}
