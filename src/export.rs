//! Export of records, pairs and follow-ups as CSV, JSON or XLSX.
