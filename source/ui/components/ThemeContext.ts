/** The theme (colour on/off, glyphs) for every component. */
import { createContext, useContext } from 'react';
import { type Theme, createTheme } from '../theme.js';

export const ThemeContext = createContext<Theme>(createTheme({ color: true }));

export const useTheme = (): Theme => useContext(ThemeContext);
