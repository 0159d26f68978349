{# Deliberate mistake for floe-lint's example: CREATE SECRET in a dbt macro (FL301).
   floe's generated profile already attaches the catalog with inline credentials. #}
{% macro attach_catalog() %}
  CREATE SECRET polaris (TYPE ICEBERG, CLIENT_ID '{{ env_var("POLARIS_CLIENT_ID") }}', CLIENT_SECRET '{{ env_var("POLARIS_CLIENT_SECRET") }}');
{% endmacro %}
