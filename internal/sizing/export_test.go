package sizing

// Helpers that only tests use: compiled into the test binary only.

// formatBinaryBytes writes a byte count the way Kubernetes canonicalises a quantity
// written with a binary suffix: the largest binary suffix that divides it
// exactly ("1Gi", "574Mi", "1536Ki"), or plain bytes.
func formatBinaryBytes(bytes int64) string { return formatBytes(bytes, true) }
