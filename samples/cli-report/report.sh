#!/bin/sh
# Prints a stock report of inventory.json (in the current folder) under the title in $REPORT_TITLE.
set -eu
echo "== ${REPORT_TITLE:-Report} =="
jq -r '.[] | "\(.name): \(.stock) in \(.location)"' inventory.json
echo "out of stock: $(jq -r '[.[] | select(.stock == 0) | .name] | join(", ")' inventory.json)"
echo "total items: $(jq '[.[].stock] | add' inventory.json)"
