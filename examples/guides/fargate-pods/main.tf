terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# Three workloads on a Fargate profile: what each pod is provisioned (and billed) as.
locals {
  workloads = {
    # 512Mi + 256Mi fits the smallest 0.25 vCPU size with 1 GB.
    api = { replicas = 6, containers = [{ cpu_request = "250m", memory_request = "512Mi" }] }
    # Exactly 2 GB with the overhead: still 0.25 vCPU.
    worker = { replicas = 4, containers = [{ cpu_request = "250m", memory_request = "1792Mi" }] }
    # The init container's 2 vCPU decide the size, though it runs for seconds.
    batch = { replicas = 2, containers = [
      { init = true, cpu_request = "2", memory_request = "512Mi" },
      { cpu_request = "500m", memory_request = "1Gi" },
    ] }
  }
  sizes = { for name, w in local.workloads : name => provider::ekssize::fargate_size(w.containers) }
}

output "capacity_provisioned" {
  value = { for name, s in local.sizes : name => s.capacity_provisioned }
  # { api = "0.25vCPU 1GB", batch = "2vCPU 4GB", worker = "0.25vCPU 2GB" }
}

# Every Fargate pod is its own node with its own subnet IP: 12 addresses for these replicas.
output "fargate_pod_ips" {
  value = sum([for w in local.workloads : w.replicas]) # 12
}
