terraform {
  required_version = ">= 1.8.0" # the oldest Terraform and OpenTofu tested (make compat)
  required_providers {
    ekssize = {
      source = "ekssize/ekssize"
    }
  }
}

# A web pod with a migration init container and a log sidecar on EKS Fargate.
data "ekssize_fargate_pod" "web" {
  container {
    name           = "migrate"
    init           = true
    cpu_request    = "500m"
    memory_request = "1Gi"
  }
  container {
    name                      = "web"
    cpu_request               = "1"
    memory_request            = "2Gi"
    ephemeral_storage_request = "30Gi"
  }
  container {
    name           = "logs"
    cpu_request    = "250m"
    memory_request = "256Mi"
  }
}

# 1.25 vCPU and 2304 MiB + 256 MiB Fargate adds: 2 vCPU and 3 GB is not offered, so 2vCPU 4GB.
output "web_capacity" {
  value = data.ekssize_fargate_pod.web.capacity_provisioned # "2vCPU 4GB"
}

# 30 GiB + 10% + 5 GiB of ephemeral storage.
output "web_storage_gib" {
  value = data.ekssize_fargate_pod.web.ephemeral_storage_gib # 38
}
