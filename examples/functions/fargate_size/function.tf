terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# The EKS User Guide's example: 1 vCPU and 8 GB of requests leave no room for the
# 256 MB Fargate adds, so the pod runs (and is billed) as 2 vCPU and 9 GB.
output "guide_example" {
  value = provider::ekssize::fargate_size([{ cpu_request = "1", memory_request = "8Gi" }]).capacity_provisioned # "2vCPU 9GB"
}

# Requests that fit a size exactly: 1792Mi + 256Mi = 2 GB on 0.25 vCPU.
locals {
  workers = {
    small  = [{ cpu_request = "250m", memory_request = "1792Mi" }]
    medium = [{ cpu_request = "500m", memory_request = "1Gi" }, { cpu_request = "250m", memory_request = "512Mi" }]
  }
}

output "worker_sizes" {
  value = { for name, containers in local.workers : name => provider::ekssize::fargate_size(containers).capacity_provisioned }
  # { small = "0.25vCPU 2GB", medium = "1vCPU 2GB" }
}
