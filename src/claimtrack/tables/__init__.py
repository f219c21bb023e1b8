"""The package's tables as pandas: cells typed from the schemas, partial dates as the
days they can mean, the claims joined to what they point at, and the Arrow kernels
that keep all of it fast on large tables."""
