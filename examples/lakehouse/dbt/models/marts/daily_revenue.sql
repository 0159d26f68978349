{{ config(materialized='table') }}

select
    date_trunc('day', ordered_at) as order_day,
    count(*) as orders,
    sum(amount) as revenue
from {{ ref('stg_orders') }}
group by 1
