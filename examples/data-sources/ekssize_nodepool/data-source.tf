terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# A general-purpose NodePool with VPC CNI prefix delegation: Karpenter alone would
# give an m5.large 29 pods (it ignores prefix delegation); the node can run 110.
data "ekssize_nodepool" "general" {
  instance_families = ["m5", "c5", "m4"]
  instance_sizes    = ["large", "xlarge", "2xlarge", "4xlarge"]
  prefix_delegation = true

  daemonset {
    name         = "aws-node"
    cpu_request  = "25m"
    host_network = true
  }
  daemonset {
    name         = "kube-proxy"
    cpu_request  = "100m"
    host_network = true
  }
  daemonset {
    name           = "node-exporter"
    cpu_request    = "100m"
    memory_request = "128Mi"
  }

  largest_pod_cpu_request    = "1500m"
  largest_pod_memory_request = "4Gi"
}

# m4 is Xen: prefix delegation falls back to secondary IPs, so it is excluded.
output "excluded" {
  value = data.ekssize_nodepool.general.excluded
}

# One EC2NodeClass per group, each with its kubelet block and the NodePool requirement.
output "node_classes" {
  value = [for c in data.ekssize_nodepool.general.node_classes : { max_pods = c.max_pods, types = c.instance_types }]
  # [{ max_pods = 250, types = ["c5.4xlarge", "m5.4xlarge"] }, { max_pods = 110, types = [...] }]
}
