# A three-AZ EKS cluster's IP plan and sizing report: two managed node groups,
# a Karpenter NodePool, Fargate pods, an ALB and interface endpoints sharing the
# private subnets. No AWS provider, no credentials, nothing downloaded.
#
#   make demo                 applies it with the freshly built provider
#   terraform test            (complete.tftest.hcl) checks every number below
#
# In a real configuration the subnets come from data.aws_subnet (cidr_block,
# available_ip_address_count) and the group settings from the same locals that
# feed aws_eks_node_group and the Karpenter NodePool.
terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

variable "private_subnets" {
  description = "The cluster's private subnets, one per availability zone, with their free IPv4 addresses now. The EKS control plane uses them too."
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

# The whole cluster runs one VPC CNI configuration (the aws-node DaemonSet):
# prefix delegation, a /28 per ENI slot. Groups are sized at max size (what the
# cluster autoscaler or Karpenter can reach), plus a managed node group's 2
# extra nodes per AZ during a rolling update.
variable "general" {
  description = "General-purpose managed node group."
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
  description = "Compute managed node group."
  type = object({
    instance_type = string
    max_size      = number
  })
  default = {
    instance_type = "c6i.2xlarge"
    max_size      = 24
  }
}

variable "karpenter" {
  description = "Karpenter NodePool: its candidate instance types and spec.limits.nodes."
  type = object({
    instance_types = list(string)
    node_limit     = number
  })
  default = {
    instance_types = ["c6i.2xlarge", "m6i.xlarge", "r6i.large"]
    node_limit     = 30
  }
}

variable "shared" {
  description = "What else takes addresses in each private subnet."
  type = object({
    application_load_balancers = number
    interface_endpoints        = number
    fargate_pods               = number
  })
  default = {
    application_load_balancers = 1  # 8 IPs each
    interface_endpoints        = 7  # ecr.api, ecr.dkr, sts, logs, ec2, elasticloadbalancing, ssm
    fargate_pods               = 10 # 1 IP each, per AZ (a Fargate profile for kube-system)
  }
}

# --- Max pods -------------------------------------------------------------------

data "ekssize_max_pods" "general" {
  instance_type     = var.general.instance_type
  prefix_delegation = true
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

# --- The cluster's IP plan --------------------------------------------------------

# Everything that takes addresses in the private subnets, in one read: each
# group's nodes at max size (and surge), the NodePool at its node limit with
# its worst candidate type, Fargate pods, the ALB and the endpoints. The groups'
# single IPs and prefixes share each subnet's aligned /28 blocks.
data "ekssize_cluster_ip_plan" "cluster" {
  prefix_delegation = true

  dynamic "subnet" {
    for_each = var.private_subnets
    content {
      name                       = subnet.value.availability_zone
      availability_zone          = subnet.value.availability_zone
      cidr_block                 = subnet.value.cidr_block
      available_ip_address_count = subnet.value.available_ip_address_count
      cluster_subnet             = true # the EKS control plane's ENIs live here too
      application_load_balancers = var.shared.application_load_balancers
      interface_endpoints        = var.shared.interface_endpoints
      fargate_pods               = var.shared.fargate_pods
    }
  }

  node_group {
    name           = "general"
    instance_types = [var.general.instance_type]
    max_size       = var.general.max_size
  }

  node_group {
    name           = "compute"
    instance_types = [var.compute.instance_type]
    max_size       = var.compute.max_size
  }

  node_pool {
    name           = "karpenter"
    instance_types = var.karpenter.instance_types
    node_limit     = var.karpenter.node_limit
  }

  lifecycle {
    postcondition {
      condition     = self.fits
      error_message = "The cluster does not fit its private subnets: ${join("; ", self.warnings)}"
    }
  }
}

# --- Node configuration ---------------------------------------------------------

# AL2023: the NodeConfig part for user data (terraform-aws-eks cloudinit_pre_nodeadm,
# or a cloudinit_config part of content type application/node.eks.aws).
# nodeadm alone would reserve kube-reserved memory for the ENI pods of the type (29 for m5.large: 574Mi; 58 for
# c6i.2xlarge: 893Mi) although the nodes run 110 with prefix delegation; reserve for the 110 instead.
data "ekssize_node_config" "general_al2023" {
  instance_type       = var.general.instance_type
  prefix_delegation   = true
  kube_reserved_basis = "max_pods"
}

data "ekssize_node_config" "compute_al2023" {
  instance_type       = var.compute.instance_type
  prefix_delegation   = true
  kube_reserved_basis = "max_pods"
}

# Bottlerocket: lines for the [settings.kubernetes] table of its TOML user data.
data "ekssize_node_config" "general_bottlerocket" {
  instance_type     = var.general.instance_type
  prefix_delegation = true
  ami_family        = "bottlerocket"
}

data "ekssize_node_config" "compute_bottlerocket" {
  instance_type     = var.compute.instance_type
  prefix_delegation = true
  ami_family        = "bottlerocket"
}

# --- The report -----------------------------------------------------------------

locals {
  plan   = data.ekssize_cluster_ip_plan.cluster
  groups = { for g in local.plan.groups : g.name => g }
  nodes = {
    general = data.ekssize_node_config.general_al2023
    compute = data.ekssize_node_config.compute_al2023
  }
  # What each group takes in each zone's subnet.
  zone_ips = { for s in local.plan.subnet_results : s.availability_zone => s.ips_by_group }

  row        = "  %-28s %-20s %-20s %s"
  subnet_row = "  %-12s %-14s %6s %8s %8s %9s %9s %9s %9s %7s"
}

# What make demo prints: the numbers below as one page of text.
output "report" {
  description = "The sizing report as text (terraform output -raw report)."
  value = join("\n", concat(
    [
      "EKS sizing report (instance data ${data.ekssize_max_pods.general.data_version}); VPC CNI prefix delegation",
      "",
      "Groups",
      format(local.row, "", "general", "compute", "karpenter"),
    ],
    [for r in [
      ["kind", local.groups.general.kind, local.groups.compute.kind, local.groups.karpenter.kind],
      ["instance type (worst)", local.groups.general.instance_type, local.groups.compute.instance_type, local.groups.karpenter.instance_type],
      ["nodes (max + surge)", local.groups.general.nodes, local.groups.compute.nodes, local.groups.karpenter.nodes],
      ["max pods", local.groups.general.max_pods, local.groups.compute.max_pods, local.groups.karpenter.max_pods],
      ["subnet IPs per node", local.groups.general.node_subnet_ips_per_node, local.groups.compute.node_subnet_ips_per_node, local.groups.karpenter.node_subnet_ips_per_node],
      ["kube-reserved cpu / memory", "${local.nodes.general.kube_reserved.cpu} / ${local.nodes.general.kube_reserved.memory}", "${local.nodes.compute.kube_reserved.cpu} / ${local.nodes.compute.kube_reserved.memory}", ""],
      ["allocatable cpu / memory", "${local.nodes.general.allocatable.cpu_millicores}m / ${local.nodes.general.allocatable.memory_mib} MiB", "${local.nodes.compute.allocatable.cpu_millicores}m / ${local.nodes.compute.allocatable.memory_mib} MiB", ""],
    ] : replace(format(local.row, r[0], r[1], r[2], r[3]), "/ +$/", "")],
    [
      "",
      "  general max pods: ${data.ekssize_max_pods.general.formula}",
      "  compute max pods: ${data.ekssize_max_pods.compute.formula}",
      "",
      "IPs per availability zone (max size, surge 2 per node group and zone; other: ALB 8, endpoints, Fargate pods, EKS ENIs 6)",
      format(local.subnet_row, "zone", "cidr", "free", "general", "compute", "karpenter", "other", "headroom", "/28 left", "fits"),
    ],
    [for s in local.plan.subnet_results : format(local.subnet_row,
      s.availability_zone, s.cidr_block, s.free_ips,
      local.zone_ips[s.availability_zone]["general"], local.zone_ips[s.availability_zone]["compute"],
      local.zone_ips[s.availability_zone]["karpenter"], s.reserved_ips, s.headroom_ips,
      s.prefix_blocks_available_scattered - s.prefix_blocks_needed, s.fits ? "yes" : "NO",
    )],
    [
      "",
      "  ${local.plan.fits ? "The plan fits" : "The plan does NOT fit (${local.plan.shortfall_ips} IPs short)"}; the smallest fresh subnet per zone: ${join(", ", [for z in local.plan.availability_zones : "${z.availability_zone} /${z.smallest_fitting_prefix_length}"])}.",
      "  Headroom counts aligned free /28 blocks, assuming every single IP spoils one (prefix_layout \"scattered\");",
      "  the guides \"Planning a cluster's subnets\" and \"Sizing subnets for prefix delegation\" explain the bounds.",
      "",
      "AL2023 NodeConfig (general)",
      # nodeadm_config is sensitive because it can carry the cluster CA; these
      # node configs set no cluster, so there is none in them to hide.
      trimspace(nonsensitive(local.nodes.general.nodeadm_config)),
      "",
      "AL2023 NodeConfig (compute)",
      trimspace(nonsensitive(local.nodes.compute.nodeadm_config)),
      "",
      "Bottlerocket [settings.kubernetes] (general)",
      trimspace(data.ekssize_node_config.general_bottlerocket.bottlerocket_settings),
      "",
      "Bottlerocket [settings.kubernetes] (compute)",
      trimspace(data.ekssize_node_config.compute_bottlerocket.bottlerocket_settings),
      "",
      "Karpenter EC2NodeClass spec (compute; controller RESERVED_ENIS = ${local.nodes.compute.karpenter_reserved_enis})",
      trimspace(yamlencode({ kubelet = local.karpenter_kubelet })),
    ],
  ))
}

output "node_groups" {
  description = "Per group: kubelet max pods and what one node takes in its subnet; for the managed node groups also kube-reserved and what the scheduler sees (null for the NodePool)."
  value = {
    for name, g in local.groups : name => {
      kind                   = g.kind
      instance_type          = g.instance_type
      nodes                  = g.nodes
      max_pods               = g.max_pods
      subnet_ips_per_node    = g.node_subnet_ips_per_node
      prefixes_per_node      = g.prefixes_per_node
      kube_reserved          = try(local.nodes[name].kube_reserved, null)
      allocatable_cpu_m      = try(local.nodes[name].allocatable.cpu_millicores, null)
      allocatable_memory_mib = try(local.nodes[name].allocatable.memory_mib, null)
      ebs_volume_limit       = try(local.nodes[name].ebs_volume_limit, null)
    }
  }
}

output "zones" {
  description = "Per availability zone: free addresses, what each group takes, the reservations (ALB, endpoints, Fargate pods, EKS ENIs), headroom and the smallest subnet that would hold it all."
  value = {
    for s in local.plan.subnet_results : s.availability_zone => {
      cidr_block                     = s.cidr_block
      free_ips                       = s.free_ips
      group_ips                      = local.zone_ips[s.availability_zone]
      reserved_ips                   = s.reserved_ips
      required_ips                   = s.required_ips
      headroom_ips                   = s.headroom_ips
      prefix_blocks_needed           = s.prefix_blocks_needed
      prefix_blocks_available        = s.prefix_blocks_available_scattered
      smallest_fitting_prefix_length = s.smallest_fitting_prefix_length
    }
  }
}

output "capacity" {
  description = "Whether the whole cluster fits at max size, and the shortfall when it does not."
  value = {
    fits          = local.plan.fits
    shortfall_ips = local.plan.shortfall_ips
  }
}

output "al2023_nodeconfig" {
  description = "nodeadm NodeConfig documents (kubelet maxPods and kubeReserved) per node group."
  value = {
    # No cluster is set, so no CA is in them (see the report above).
    general = nonsensitive(local.nodes.general.nodeadm_config)
    compute = nonsensitive(local.nodes.compute.nodeadm_config)
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
    reserved_enis = local.nodes.compute.karpenter_reserved_enis
  }
}

locals {
  # karpenter_kubelet is an object with every field; drop the unset (null) ones
  # so the EC2NodeClass manifest only carries what is set.
  karpenter_kubelet = { for k, v in local.nodes.compute.karpenter_kubelet : k => v if v != null }
}
