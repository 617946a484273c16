# io: atomic outputs, input files, tables, configuration formats, the tls-bin container, and the
# stage tables (minima library, transitions, pair list, tls-profile, tls-splitting, tls-dwp).
tls_module_sources(files settings_record text table configuration_io binary minima_library glass_info
  profile_table splitting_table dwp_table spectrum_table transitions pair_list view)
