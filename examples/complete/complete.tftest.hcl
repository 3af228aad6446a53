run "sizing_report" {
  command = apply

  assert {
    condition     = output.max_pods["general"].max_pods == 29
    error_message = "m5.large in secondary-IP mode must allow 29 pods"
  }

  assert {
    condition     = output.max_pods["compute"].max_pods == 110
    error_message = "c6i.2xlarge with prefix delegation must be capped at 110 (8 vCPUs)"
  }
}
