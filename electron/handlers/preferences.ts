import type { Handler } from './context'

export const preferenceHandlers: {
  'preferences:get': Handler<'preferences:get'>
  'preferences:update': Handler<'preferences:update'>
} = {
  'preferences:get': (_input, ctx) => Promise.resolve(ctx.preferences.get()),
  'preferences:update': (change, ctx) => Promise.resolve(ctx.preferences.update(change)),
}
