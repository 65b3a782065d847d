"""What people see, as surface-neutral view models (docs/views.md): model.py has the building
blocks, each other module builds the views of one area from the procedure's data. Renderers
(bot/slack/views/render.py for Block Kit) turn them into a surface's markup."""
