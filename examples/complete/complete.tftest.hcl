# terraform test for the sizing report (make test runs it against the freshly
# built provider). Every value below is exact.

run "sizing_report" {
  command = apply

  # Max pods with prefix delegation: 3 x (10 - 1) x 16 + 2 = 434 and 4 x (15 - 1) x 16 + 2 = 898, both capped at 110.
  assert {
    condition     = [for g in ["general", "compute", "karpenter"] : output.node_groups[g].max_pods] == [110, 110, 110]
    error_message = "max pods: ${jsonencode(output.node_groups)}"
  }
  assert {
    condition     = output.node_groups["compute"].kind == "node_group" && output.node_groups["karpenter"].kind == "node_pool"
    error_message = "kinds: ${jsonencode(output.node_groups)}"
  }

  # Subnet IPs per node: 108 pods take ceil(108/16) + 1 = 8 prefixes, limited to ceil(110/16) = 7, on the
  # primary ENI: 1 + 7 x 16 = 113. The NodePool's candidates all take 113; the first listed is its worst type.
  assert {
    condition = [for g in ["general", "compute", "karpenter"] : [output.node_groups[g].subnet_ips_per_node, output.node_groups[g].prefixes_per_node]] == [
    [113, 7], [113, 7], [113, 7]]
    error_message = "subnet IPs per node: ${jsonencode(output.node_groups)}"
  }
  assert {
    condition     = output.node_groups["karpenter"].instance_type == "c6i.2xlarge" && output.node_groups["karpenter"].kube_reserved == null
    error_message = "karpenter: ${jsonencode(output.node_groups["karpenter"])}"
  }

  # Nodes: general 6 + 3 x 2 surge, compute 24 + 3 x 2 surge, the NodePool its node limit of 30.
  assert {
    condition     = [for g in ["general", "compute", "karpenter"] : output.node_groups[g].nodes] == [12, 30, 30]
    error_message = "nodes: ${jsonencode(output.node_groups)}"
  }

  # kube-reserved and allocatable as nodeadm and Karpenter compute them (memory 11 x 110 + 255 = 1465Mi).
  assert {
    condition = output.node_groups["general"].kube_reserved == { cpu = "70m", memory = "1465Mi", ephemeral_storage = "1Gi" } && (
    output.node_groups["compute"].kube_reserved == { cpu = "90m", memory = "1465Mi", ephemeral_storage = "1Gi" })
    error_message = "kube-reserved: want 70m/1465Mi and 90m/1465Mi"
  }
  assert {
    condition = [output.node_groups["general"].allocatable_cpu_m, output.node_groups["general"].allocatable_memory_mib,
      output.node_groups["compute"].allocatable_cpu_m, output.node_groups["compute"].allocatable_memory_mib,
    output.node_groups["general"].ebs_volume_limit, output.node_groups["compute"].ebs_volume_limit] == [1930, 6012, 7910, 13590, 26, 26]
    error_message = "allocatable or EBS volume limit changed"
  }

  # Per zone: general (2 + 2) x 113 = 452, compute (8 + 2) x 113 = 1130, karpenter 10 x 113 = 1130; reserved
  # ALB 8 + 7 endpoints + 10 Fargate pods + 6 EKS ENIs = 31. Prefixes need 24 x 7 = 168 aligned /28s; of the /20's
  # 254 eligible blocks, 24 ENI primaries, the 31 reserved and the 20 addresses in use (4091 - 4071) spoil 75,
  # leaving 179: 11 spare blocks, 176 IPs of headroom.
  assert {
    condition = output.zones["eu-west-1a"] == {
      cidr_block   = "10.0.0.0/20", free_ips = 4071, group_ips = tomap({ general = 452, compute = 1130, karpenter = 1130 }), reserved_ips = 31,
      required_ips = 2743, headroom_ips = 176, prefix_blocks_needed = 168, prefix_blocks_available = 179, smallest_fitting_prefix_length = 20
    }
    error_message = "eu-west-1a: ${jsonencode(output.zones["eu-west-1a"])}"
  }
  assert {
    condition     = [for az in ["eu-west-1a", "eu-west-1b", "eu-west-1c"] : output.zones[az].headroom_ips] == [176, 64, 272]
    error_message = "headroom per AZ: ${jsonencode([for z in output.zones : z.headroom_ips])}"
  }
  assert {
    condition     = output.capacity == { fits = true, shortfall_ips = 0 }
    error_message = "capacity: ${jsonencode(output.capacity)}"
  }

  # The renderings.
  assert {
    condition     = output.al2023_nodeconfig["compute"] == <<-EOT
      ---
      apiVersion: node.eks.aws/v1alpha1
      kind: NodeConfig
      spec:
        kubelet:
          config:
            maxPods: 110
            kubeReserved:
              cpu: "90m"
              memory: "1465Mi"
              ephemeral-storage: "1Gi"
    EOT
    error_message = "AL2023 NodeConfig (compute):\n${output.al2023_nodeconfig["compute"]}"
  }
  assert {
    condition     = output.bottlerocket_settings["general"] == "max-pods = 110\nkube-reserved.cpu = \"70m\"\nkube-reserved.memory = \"1465Mi\"\nkube-reserved.ephemeral-storage = \"1Gi\"\n"
    error_message = "Bottlerocket settings (general):\n${output.bottlerocket_settings["general"]}"
  }
  assert {
    condition = output.karpenter_ec2nodeclass_kubelet.reserved_enis == 0 && output.karpenter_ec2nodeclass_kubelet.kubelet.maxPods == 110 && (
      output.karpenter_ec2nodeclass_kubelet.kubelet.kubeReserved == tomap({ cpu = "90m", memory = "1465Mi", "ephemeral-storage" = "1Gi" })
    )
    error_message = "Karpenter kubelet: ${jsonencode(output.karpenter_ec2nodeclass_kubelet)}"
  }

  # The page make demo prints.
  assert {
    condition = alltrue([for line in [
      "EKS sizing report (instance data 2026-11+vpc-cni-v1.23.2); VPC CNI prefix delegation",
      "  eu-west-1b   10.0.16.0/20     4064      452     1130      1130        31        64         4     yes",
      "  The plan fits; the smallest fresh subnet per zone: eu-west-1a /20, eu-west-1b /20, eu-west-1c /20.",
    ] : strcontains(output.report, line)])
    error_message = "report:\n${output.report}"
  }
}

# One zone fails: 33 NodePool nodes are 11 per zone, one more than above, taking 7 more /28 blocks and
# spoiling one. eu-west-1b had 4 spare blocks and is 4 x 16 = 64 IPs short; the other zones still fit.
run "karpenter_outgrows_one_zone" {
  command = plan
  variables {
    karpenter = { instance_types = ["c6i.2xlarge", "m6i.xlarge", "r6i.large"], node_limit = 33 }
  }
  expect_failures = [data.ekssize_cluster_ip_plan.cluster]
}

# Busy /24 subnets: eu-west-1a has 120 free addresses for general's 4 nodes alone.
run "busy_small_subnets" {
  command = plan
  variables {
    private_subnets = [
      { availability_zone = "eu-west-1a", cidr_block = "10.0.0.0/24", available_ip_address_count = 120 },
      { availability_zone = "eu-west-1b", cidr_block = "10.0.1.0/24", available_ip_address_count = 200 },
      { availability_zone = "eu-west-1c", cidr_block = "10.0.2.0/24", available_ip_address_count = 200 },
    ]
  }
  expect_failures = [data.ekssize_cluster_ip_plan.cluster]
}

# Prefix delegation needs a Nitro type: m4 (Xen) would silently fall back to secondary IPs. The plan
# sees it too: 3 m4.2xlarge nodes hold 4 ENIs x 15 = 60 single IPs each, and those 180 single IPs spoil
# the /28 blocks the other groups' prefixes need, so no zone fits.
run "prefix_delegation_needs_nitro" {
  command = plan
  variables {
    compute = { instance_type = "m4.2xlarge", max_size = 3 }
  }
  expect_failures = [data.ekssize_max_pods.compute, data.ekssize_cluster_ip_plan.cluster]
}
