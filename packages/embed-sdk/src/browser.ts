// The browser bundle's entry (dist/embed-sdk.js): everything on window.ConnectionsEmbed.
export { connectionReference, openConnectionPicker, PickerError } from "./index";
