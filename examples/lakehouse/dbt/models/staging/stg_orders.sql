{{ config(materialized='view') }}

select
    order_id,
    customer_id,
    cast(ordered_at as timestamp) as ordered_at,
    amount_cents / 100.0 as amount
from {{ source('raw', 'orders') }}
