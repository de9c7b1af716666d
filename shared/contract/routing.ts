/** Route planning: orders, vehicles, optimization and plans. */
export const routingCommands = {};
export const routingEvents = {};
