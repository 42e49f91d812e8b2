//! The hostile-gateway suite lives in `tests/hostile.rs`: every operation of every
//! provider client, table-driven, against a server that redirects, echoes the request,
//! nests answers 100,000 deep, sends 64 MiB, drips, cuts or answers garbage.
